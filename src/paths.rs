//! Where decouple-quiz keeps its files: flags, then environment variables, then XDG / platform dirs.

use std::path::{Path, PathBuf};

/// The resolved locations of everything the app reads and writes.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    pub cache_dir: PathBuf,
}

impl Paths {
    /// Resolves the directories. `data`/`config` come from `--data-dir`/`--config-dir` or their
    /// environment variables (clap fills both); otherwise an absolute `XDG_*_HOME`, otherwise the
    /// platform default from `directories`.
    pub fn resolve(data: Option<PathBuf>, config: Option<PathBuf>) -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "decouple-quiz");
        let pick = |explicit: Option<PathBuf>,
                    xdg: &str,
                    fallback: fn(&directories::ProjectDirs) -> &Path| {
            explicit
                .or_else(|| xdg_home(xdg))
                .or_else(|| dirs.as_ref().map(|d| fallback(d).to_path_buf()))
                .unwrap_or_else(|| PathBuf::from(".decouple-quiz"))
        };
        let data_dir = pick(data, "XDG_DATA_HOME", directories::ProjectDirs::data_dir);
        let config_dir = pick(
            config,
            "XDG_CONFIG_HOME",
            directories::ProjectDirs::config_dir,
        );
        // The cache lives beside the data when the data dir is explicit, so tests stay in their temp dir.
        let cache_dir = if data_dir.ends_with("decouple-quiz") || dirs.is_none() {
            xdg_home("XDG_CACHE_HOME")
                .or_else(|| dirs.as_ref().map(|d| d.cache_dir().to_path_buf()))
                .unwrap_or_else(|| data_dir.join("cache"))
        } else {
            data_dir.join("cache")
        };
        Paths {
            data_dir,
            config_dir,
            cache_dir,
        }
    }

    pub fn history(&self) -> PathBuf {
        self.data_dir.join("history.jsonl")
    }

    pub fn user_packs(&self) -> PathBuf {
        self.data_dir.join("packs")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
}

/// `$VAR/decouple-quiz` when `$VAR` is a non-empty absolute path (the XDG spec ignores relative ones).
fn xdg_home(var: &str) -> Option<PathBuf> {
    let v = std::env::var_os(var)?;
    let p = PathBuf::from(v);
    (p.is_absolute()).then(|| p.join("decouple-quiz"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dirs_win() {
        let p = Paths::resolve(Some("/tmp/d".into()), Some("/tmp/c".into()));
        assert_eq!(p.history(), PathBuf::from("/tmp/d/history.jsonl"));
        assert_eq!(p.config_file(), PathBuf::from("/tmp/c/config.toml"));
        assert_eq!(p.cache_dir, PathBuf::from("/tmp/d/cache"));
        assert_eq!(p.user_packs(), PathBuf::from("/tmp/d/packs"));
    }
}
