//! Finding and reading the cables under the workspace folders: a walk with
//! include / exclude globs (the `ignore` crate: `.gitignore` and hidden files are
//! honoured, symlinks are not followed), then reading and parsing in parallel
//! (`rayon`).

use super::cache::Stamp;
use super::record::CableRecord;
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Which files are cables. Set through `initializationOptions.corpus` or the
/// `cable.corpus` setting.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ScanConfig {
    /// Globs of files to consider (relative to a workspace folder).
    pub include: Vec<String>,
    /// Globs of files and folders to leave out.
    pub exclude: Vec<String>,
    /// Larger files are skipped (with a log line).
    pub max_file_bytes: u64,
    /// Keep the index in the user's cache folder for warm starts.
    pub cache: bool,
}

impl Default for ScanConfig {
    fn default() -> Self {
        ScanConfig {
            include: vec!["*.txt".into(), "*.cable".into()],
            exclude: vec![],
            max_file_bytes: 64 << 20,
            cache: true,
        }
    }
}

/// Why a file was not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Unreadable(String),
    TooLarge(u64),
    Binary,
    NotACable,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Unreadable(e) => write!(f, "cannot be read: {e}"),
            Skip::TooLarge(n) => write!(f, "is {n} bytes, over the size limit"),
            Skip::Binary => write!(f, "is binary (NUL bytes in its first 8 KB)"),
            Skip::NotACable => write!(
                f,
                "does not look like a cable (no banner, DTG, TAGS, SUBJECT or E.O. line near the top)"
            ),
        }
    }
}

impl ScanConfig {
    /// Does `path` pass the include and exclude globs (relative to `root`)?
    pub fn matches(&self, root: &Path, path: &Path) -> bool {
        match self.overrides(root) {
            Ok(o) => o.matched(path, false).is_whitelist(),
            Err(_) => false,
        }
    }

    fn overrides(&self, root: &Path) -> Result<ignore::overrides::Override, ignore::Error> {
        let mut b = ignore::overrides::OverrideBuilder::new(root);
        for g in &self.include {
            b.add(g)?;
        }
        for g in &self.exclude {
            b.add(&format!("!{}", g.trim_start_matches('!')))?;
        }
        b.build()
    }

    /// Checks the globs; the message says which glob is wrong.
    pub fn validate(&self) -> Result<(), String> {
        self.overrides(Path::new(".")).map(|_| ()).map_err(|e| {
            format!("bad corpus glob: {e}; expected globs like `*.txt` or `archive/**`")
        })
    }
}

/// The candidate files under `roots`, sorted.
pub fn discover(roots: &[PathBuf], cfg: &ScanConfig) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in roots {
        let mut w = ignore::WalkBuilder::new(root);
        w.follow_links(false);
        match cfg.overrides(root) {
            Ok(o) => {
                w.overrides(o);
            }
            Err(e) => {
                tracing::warn!("corpus globs: {e}; using the defaults");
                if let Ok(o) = ScanConfig::default().overrides(root) {
                    w.overrides(o);
                }
            }
        }
        for entry in w.build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                out.push(entry.into_path());
            }
        }
    }
    // By bytes: as good an order, and much cheaper than by components.
    out.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    out.dedup();
    out
}

/// Files named on a command line, folders expanded with `cfg`'s globs.
pub fn expand(paths: &[PathBuf], cfg: &ScanConfig) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() {
            out.push(p.clone());
        } else if p.is_dir() {
            out.extend(discover(std::slice::from_ref(p), cfg));
        } else {
            return Err(format!("{} is neither a file nor a folder", p.display()));
        }
    }
    Ok(out)
}

/// A file left out of the index: why, and its size and time as seen before
/// it was read (`None`: it could not be looked at), so that a caller can tell
/// whether the file has changed since (a file read while it was being written
/// may be left out for what it held then).
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: Skip,
    pub stamp: Option<Stamp>,
}

/// Reads and parses one file into its record.
pub fn load(path: &Path, cfg: &ScanConfig) -> Result<CableRecord, Skipped> {
    let skipped = |why, stamp| Skipped {
        path: path.to_path_buf(),
        why,
        stamp,
    };
    let meta =
        std::fs::metadata(path).map_err(|e| skipped(Skip::Unreadable(e.to_string()), None))?;
    let stamp = Stamp::of(&meta);
    if meta.len() > cfg.max_file_bytes {
        return Err(skipped(Skip::TooLarge(meta.len()), Some(stamp)));
    }
    let bytes =
        std::fs::read(path).map_err(|e| skipped(Skip::Unreadable(e.to_string()), Some(stamp)))?;
    let mut rec = record_of_bytes(path, bytes).map_err(|why| skipped(why, Some(stamp)))?;
    // Stamped as seen before the read: a change during it shows at the next look.
    rec.stamp = Some(stamp);
    Ok(rec)
}

/// The files under `roots` with their size and modification time (`None`: gone
/// between the walk and the look), the looks made in parallel.
pub fn discover_stamped(roots: &[PathBuf], cfg: &ScanConfig) -> Vec<(PathBuf, Option<Stamp>)> {
    let paths = discover(roots, cfg);
    // Runs of files in one folder (at most 4096, so that one big folder is
    // still looked at on all cores): each folder is opened once per run and
    // its files looked up by name, not walked to again from the root.
    let stamped: Vec<Vec<Option<Stamp>>> = {
        let mut runs: Vec<&[PathBuf]> = Vec::new();
        let mut rest = &paths[..];
        while let Some(first) = rest.first() {
            let n = (rest.iter().take(4096))
                .take_while(|p| p.parent() == first.parent())
                .count();
            let (run, more) = rest.split_at(n);
            runs.push(run);
            rest = more;
        }
        runs.into_par_iter().map(stamps_in_folder).collect()
    };
    paths
        .into_iter()
        .zip(stamped.into_iter().flatten())
        .collect()
}

/// The stamps of `files`, all in one folder.
#[cfg(unix)]
fn stamps_in_folder(files: &[PathBuf]) -> Vec<Option<Stamp>> {
    use rustix::fs::{openat, statat, AtFlags, Mode, OFlags, CWD};
    let dir = files.first().and_then(|f| f.parent());
    let dir = dir.map(|d| {
        if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        }
    });
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let Some(fd) = dir.and_then(|d| openat(CWD, d, flags, Mode::empty()).ok()) else {
        return files.iter().map(|f| stamp_by_path(f)).collect();
    };
    (files.iter())
        .map(|f| {
            let name = f.file_name()?;
            let st = statat(&fd, name, AtFlags::empty()).ok()?;
            // As `std::fs::Metadata::modified` reads it: before 1970, none.
            let mtime_ns = u64::try_from(st.st_mtime).ok().map_or(0, |s| {
                (s as u128 * 1_000_000_000 + st.st_mtime_nsec as u128) as u64
            });
            Some(Stamp {
                size: st.st_size as u64,
                mtime_ns,
            })
        })
        .collect()
}

#[cfg(not(unix))]
fn stamps_in_folder(files: &[PathBuf]) -> Vec<Option<Stamp>> {
    files.iter().map(|f| stamp_by_path(f)).collect()
}

fn stamp_by_path(f: &Path) -> Option<Stamp> {
    std::fs::metadata(f).ok().map(|m| Stamp::of(&m))
}

/// A file's text, unless its bytes are binary or (but for `.cable` files) not a
/// cable. UTF-16 with its byte order mark is text (NUL bytes and all).
pub fn cable_text(path: &Path, bytes: Vec<u8>) -> Result<String, Skip> {
    let utf16 = crate::syntax::text::utf16_bom(&bytes).is_some();
    if !utf16 && memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(Skip::Binary);
    }
    let (text, _) = crate::syntax::text::decode_vec(bytes);
    let is_cable_ext = path.extension().is_some_and(|e| e == "cable");
    if !is_cable_ext && !looks_like_cable(&text) {
        return Err(Skip::NotACable);
    }
    Ok(text)
}

/// The record of a file's bytes, unless they are binary or not a cable.
pub fn record_of_bytes(path: &Path, bytes: Vec<u8>) -> Result<CableRecord, Skip> {
    let text = cable_text(path, bytes)?;
    Ok(CableRecord::of_skim(path.to_path_buf(), &text))
}

/// Does the text open like a cable? Two signs in its first 4 KB: a banner word,
/// a DTG, `TAGS`, `SUBJECT`, `E.O.`, a `REF:` line, a `SECSTATE` address.
pub fn looks_like_cable(text: &str) -> bool {
    let head = &text[..crate::syntax::text::floor_char_boundary(text, 4096)];
    let up = head.to_ascii_uppercase();
    let has = |words: &[&str]| words.iter().any(|w| up.contains(w));
    let signs: [&dyn Fn() -> bool; 7] = [
        &|| has(&["UNCLAS", "CONFIDENTIAL", "SECRET"]),
        &|| has(&["TAGS"]),
        &|| has(&["SUBJECT", "SUBJ:"]),
        &|| has(&["E.O.", "E. O."]),
        &|| has(&["REF:", "REFS:"]),
        &|| has(&["SECSTATE", "WASHDC", "AMEMBASSY"]),
        &|| has_dtg(head),
    ];
    // Looked for one after another until two are found.
    signs.iter().filter(|sign| sign()).nth(1).is_some()
}

fn has_dtg(head: &str) -> bool {
    head.lines().any(|l| {
        crate::syntax::ids::parse_dtg(l.trim_start_matches(|c: char| !c.is_ascii_digit())).is_some()
    })
}

/// Reads and parses `paths` in parallel, in batches; `on_batch` gets each batch's
/// records and skips and the count done so far, in order, on the calling
/// thread, while the next batches are read (at most two wait for it).
pub fn load_all(
    paths: &[PathBuf],
    cfg: &ScanConfig,
    batch: usize,
    mut on_batch: impl FnMut(Vec<CableRecord>, Vec<Skipped>, usize),
) {
    type Batch = Vec<Result<CableRecord, Skipped>>;
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(2);
        s.spawn(move || {
            for chunk in paths.chunks(batch.max(1)) {
                let results = chunk.par_iter().map(|p| load(p, cfg)).collect();
                if tx.send(results).is_err() {
                    break;
                }
            }
        });
        let mut done = 0;
        for results in rx {
            done += results.len();
            let mut recs = Vec::with_capacity(results.len());
            let mut skips = Vec::new();
            for r in results {
                match r {
                    Ok(rec) => recs.push(rec),
                    Err(s) => skips.push(s),
                }
            }
            on_batch(recs, skips, done);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_looked_up_by_folder_equal_the_files_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::create_dir_all(&big).unwrap();
        let mut files = Vec::new();
        // More files in one folder than a run holds, and folders on both sides.
        for i in 0..4100 {
            files.push(big.join(format!("{i:05}.txt")));
        }
        files.push(dir.path().join("a.txt"));
        files.push(dir.path().join("z/deep/c.txt"));
        for (i, f) in files.iter().enumerate() {
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, "x".repeat(i % 7)).unwrap();
        }
        let cfg = ScanConfig {
            include: vec!["*.txt".into()],
            ..ScanConfig::default()
        };
        // A file gone between the walk and the look has no stamp.
        let got = discover_stamped(&[dir.path().to_path_buf()], &cfg);
        assert_eq!(got.len(), files.len());
        for (p, st) in &got {
            let want = std::fs::metadata(p).ok().map(|m| Stamp::of(&m));
            assert!(st.is_some());
            assert_eq!(*st, want, "{}", p.display());
        }
        let gone = vec![big.join("00001.txt"), big.join("nope.txt")];
        std::fs::remove_file(&gone[0]).unwrap();
        assert_eq!(stamps_in_folder(&gone), vec![None, None]);
        let here = vec![big.join("00002.txt")];
        assert_eq!(stamps_in_folder(&here), vec![stamp_by_path(&here[0])]);
    }

    #[test]
    fn a_cable_is_told_by_two_signs_near_the_top() {
        let yes = [
            "R 082042Z JAN 08\nCONFIDENTIAL STATE 002034\n",
            "TAGS: PREL\nSUBJECT: X\n",
            "E.O. 12958: N/A\nREF: A. STATE 1\n",
            "FM AMEMBASSY BERLIN\nTO SECSTATE WASHDC\n\nSUBJECT: X\n",
            "R 082042Z JAN 08\nTAGS: PREL\n",
        ];
        for t in yes {
            assert!(looks_like_cable(t), "{t:?}");
        }
        let no = [
            "",
            "A shopping list.\n",
            "SECRET recipes\n",
            "The subject of the meeting.\n",
            "R 082042Z JAN 08 alone\n",
        ];
        for t in no {
            assert!(!looks_like_cable(t), "{t:?}");
        }
        // Only the first 4 KB count.
        let late = format!("{}\nTAGS: PREL\nSUBJECT: X\n", "x".repeat(5000));
        assert!(!looks_like_cable(&late));
        // A file named `.cable` is taken whatever it holds; binary never is.
        let p = Path::new("/w/note.cable");
        assert_eq!(cable_text(p, b"notes".to_vec()).as_deref(), Ok("notes"));
        assert_eq!(
            cable_text(Path::new("/w/a.txt"), b"notes".to_vec()),
            Err(Skip::NotACable)
        );
        assert_eq!(cable_text(p, b"TAGS\0SUBJECT".to_vec()), Err(Skip::Binary));
        // A cable saved as UTF-16 (Notepad's "Unicode") is read.
        let cable = "R 082042Z JAN 08\r\nCONFIDENTIAL STATE 000001\r\n\r\nTAGS: PREL\r\n";
        let bytes: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain(cable.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            cable_text(Path::new("/w/a.txt"), bytes).as_deref(),
            Ok(cable)
        );
    }

    /// Batches come in order, with the count done so far, while later ones
    /// are read; every file is in one, as a record or a skip.
    #[test]
    fn batches_come_in_order_with_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for k in 0..7 {
            let p = dir.path().join(format!("{k}.txt"));
            let text = if k == 3 {
                "a shopping list\n".to_string()
            } else {
                format!("R 082042Z JAN 08\nCONFIDENTIAL STATE {:06}\n", k + 1)
            };
            std::fs::write(&p, text).unwrap();
            paths.push(p);
        }
        let cfg = ScanConfig::default();
        let mut seen = Vec::new();
        let mut dones = Vec::new();
        load_all(&paths, &cfg, 2, |recs, skips, done| {
            seen.extend(recs.into_iter().map(|r| r.path));
            seen.extend(skips.iter().map(|s| {
                assert_eq!(s.why, Skip::NotACable);
                assert!(s.stamp.is_some(), "looked at before it was read");
                s.path.clone()
            }));
            dones.push(done);
        });
        assert_eq!(dones, [2, 4, 6, 7]);
        assert_eq!(seen, paths);
    }
}
