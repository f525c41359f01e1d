//! The built-in packs from `content/`, embedded in the binary so the app runs from any directory.

/// (file name, text) of every built-in pack, in the order the home screen lists them.
pub const PACKS: &[(&str, &str)] = &[
    (
        "decoupling.toml",
        include_str!("../../content/decoupling.toml"),
    ),
    (
        "messaging.toml",
        include_str!("../../content/messaging.toml"),
    ),
    (
        "load-balancing.toml",
        include_str!("../../content/load-balancing.toml"),
    ),
    (
        "high-availability.toml",
        include_str!("../../content/high-availability.toml"),
    ),
    ("api-edge.toml", include_str!("../../content/api-edge.toml")),
    (
        "networking.toml",
        include_str!("../../content/networking.toml"),
    ),
    ("storage.toml", include_str!("../../content/storage.toml")),
    (
        "databases.toml",
        include_str!("../../content/databases.toml"),
    ),
];
