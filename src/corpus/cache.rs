//! The persistent index cache, for warm starts: every file's record with the size
//! and modification time it was read at, in one file in the user's cache folder
//! (never inside a workspace folder).
//!
//! The file is `MAGIC`, then a CRC-32 of the rest, then the postcard encoding of
//! [`CacheFile`], then its chunks of records, each its length (8 bytes, little
//! endian) and the postcard encoding of a list of records (written one after
//! another, decoded on all cores at a warm start). It is written to a temporary file and renamed over the old one,
//! so a reader sees the old cache or the new, never half of one. A file that is
//! torn, corrupted, from another format or another version of cable-lsp, or for
//! other folders, is not trusted: [`load`] says why and the index is rebuilt.

use super::record::CableRecord;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MAGIC: &[u8; 12] = b"cable-lsp\0ix";
/// Bumped whenever what a record holds, or the file's layout, changes.
const FORMAT: u32 = 4;
/// Records per chunk.
const CHUNK: usize = 8192;

/// What a file looked like when its record was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        Stamp {
            size: meta.len(),
            mtime_ns,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    version: String,
    /// What the cache was made for: the folders and the corpus globs.
    key: String,
    /// How many chunks of records follow.
    chunks: u64,
}

/// Why a cache was not used.
#[derive(Debug)]
pub enum Reject {
    Missing,
    Unreadable(String),
    Torn,
    Corrupt(String),
    Foreign(String),
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reject::Missing => write!(f, "there is none yet"),
            Reject::Unreadable(e) => write!(f, "it cannot be read: {e}"),
            Reject::Torn => write!(f, "it is cut short (no header)"),
            Reject::Corrupt(e) => write!(f, "it is corrupt ({e})"),
            Reject::Foreign(e) => write!(f, "it was written {e}"),
        }
    }
}

/// The folder caches go to: `$CABLE_LSP_CACHE_DIR`, else `$XDG_CACHE_HOME/cable-lsp`,
/// else `~/.cache/cable-lsp`.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CABLE_LSP_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("cable-lsp"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/cable-lsp"))
}

/// What a cache is for: the folders and the globs (which change what is indexed).
pub fn key(roots: &[PathBuf], cfg: &super::ScanConfig) -> String {
    format!("{roots:?} {:?} {:?}", cfg.include, cfg.exclude)
}

/// The cache file for `key` in `dir`; `None` when `dir` lies inside one of the
/// folders (the server writes nothing into a workspace).
pub fn file_for(dir: &Path, roots: &[PathBuf], key: &str) -> Option<PathBuf> {
    if roots.iter().any(|r| dir.starts_with(r)) {
        return None;
    }
    Some(dir.join(format!("index-{:08x}.bin", crc32fast::hash(key.as_bytes()))))
}

/// The records of a cache file written for `key`.
pub fn load(file: &Path, key: &str) -> Result<Vec<Arc<CableRecord>>, Reject> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Reject::Missing),
        Err(e) => return Err(Reject::Unreadable(e.to_string())),
    };
    let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(if bytes.len() < MAGIC.len() {
            Reject::Torn
        } else {
            Reject::Foreign("by something other than cable-lsp".into())
        });
    };
    if rest.len() < 4 {
        return Err(Reject::Torn);
    }
    let (crc, body) = rest.split_at(4);
    let crc = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if crc32fast::hash(body) != crc {
        return Err(Reject::Corrupt("checksum mismatch".into()));
    }
    let corrupt = |e: postcard::Error| Reject::Corrupt(e.to_string());
    let (c, mut rest): (CacheFile, _) = postcard::take_from_bytes(body).map_err(corrupt)?;
    if c.format != FORMAT || c.version != env!("CARGO_PKG_VERSION") {
        return Err(Reject::Foreign(format!(
            "by cable-lsp {} (format {}), not {} (format {FORMAT})",
            c.version,
            c.format,
            env!("CARGO_PKG_VERSION")
        )));
    }
    if c.key != key {
        return Err(Reject::Foreign("for other folders or globs".into()));
    }
    let mut chunks = Vec::new();
    for _ in 0..c.chunks {
        let past_end = || Reject::Corrupt("a chunk runs past the end".into());
        let (len, more) = rest.split_first_chunk::<8>().ok_or_else(past_end)?;
        let n = usize::try_from(u64::from_le_bytes(*len)).ok();
        let n = n.filter(|&n| n <= more.len()).ok_or_else(past_end)?;
        let (chunk, more) = more.split_at(n);
        chunks.push(chunk);
        rest = more;
    }
    if !rest.is_empty() {
        return Err(Reject::Corrupt(format!(
            "{} bytes after the last chunk",
            rest.len()
        )));
    }
    use rayon::prelude::*;
    let decoded: Result<Vec<Vec<CableRecord>>, _> = chunks
        .into_par_iter()
        .map(|c| postcard::from_bytes::<Vec<CableRecord>>(c).map_err(corrupt))
        .collect();
    Ok(decoded?.into_iter().flatten().map(Arc::new).collect())
}

/// What is written first: [`CacheFile`], borrowed.
#[derive(Serialize)]
struct CacheFileRef<'a> {
    format: u32,
    version: &'a str,
    key: &'a str,
    chunks: u64,
}

/// Feeds what passes through it to a CRC-32.
struct Crc<W> {
    inner: W,
    crc: crc32fast::Hasher,
}

impl<W: std::io::Write> std::io::Write for Crc<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the records of files read from disk (those with a stamp) to `file`,
/// atomically: streamed to a temporary file in the same folder, its checksum
/// filled in, synced, then renamed over the old cache.
pub fn save<'a>(
    file: &Path,
    key: &str,
    records: impl Iterator<Item = &'a Arc<CableRecord>>,
) -> std::io::Result<usize> {
    use std::io::{Seek, Write};
    let records: Vec<&CableRecord> = records
        .filter(|r| r.stamp.is_some() && r.path.to_str().is_some())
        .map(|r| &**r)
        .collect();
    let n = records.len();
    let c = CacheFileRef {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION"),
        key,
        chunks: records.chunks(CHUNK).len() as u64,
    };
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(MAGIC)?;
        f.write_all(&[0; 4])?;
        let mut w = Crc {
            inner: std::io::BufWriter::with_capacity(1 << 20, f),
            crc: crc32fast::Hasher::new(),
        };
        postcard::to_io(&c, &mut w).map_err(std::io::Error::other)?;
        // Each chunk encoded on its own (postcard encodes `&T` as `T`), one
        // in memory at a time.
        for chunk in records.chunks(CHUNK) {
            let bytes = postcard::to_stdvec(chunk).map_err(std::io::Error::other)?;
            w.write_all(&(bytes.len() as u64).to_le_bytes())?;
            w.write_all(&bytes)?;
        }
        w.flush()?;
        let crc = w.crc.finalize();
        let mut f = w.inner.into_inner().map_err(|e| e.into_error())?;
        f.seek(std::io::SeekFrom::Start(MAGIC.len() as u64))?;
        f.write_all(&crc.to_le_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map(|()| n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Document;

    fn rec(dir: &Path, name: &str) -> Arc<CableRecord> {
        let path = dir.join(name);
        let text = "R 082042Z JAN 08\nCONFIDENTIAL STATE 002034\nREF: STATE 4690\n\n1. (C) Text.\n";
        std::fs::write(&path, text).unwrap();
        let mut r = CableRecord::new(path.clone(), &Document::parse(text));
        r.stamp = Some(Stamp::of(&std::fs::metadata(&path).unwrap()));
        r.buffer = None; // a file's record: no editor's buffer behind it
        Arc::new(r)
    }

    #[test]
    fn a_cache_round_trips_and_anything_else_is_rejected_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let recs = [rec(dir.path(), "a.txt"), rec(dir.path(), "b.txt")];
        let file = dir.path().join("cache/index.bin");
        assert!(matches!(load(&file, "k"), Err(Reject::Missing)));
        assert_eq!(save(&file, "k", recs.iter()).unwrap(), 2);
        let back = load(&file, "k").unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(*back[0], *recs[0]);
        let leftovers = std::fs::read_dir(dir.path().join("cache")).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");

        let err = |bytes: &[u8], key: &str| {
            std::fs::write(&file, bytes).unwrap();
            load(&file, key).unwrap_err().to_string()
        };
        let good = {
            save(&file, "k", recs.iter()).unwrap();
            std::fs::read(&file).unwrap()
        };
        assert_eq!(
            err(&good, "other"),
            "it was written for other folders or globs"
        );
        assert_eq!(err(&good[..7], "k"), "it is cut short (no header)");
        assert!(err(&good[..good.len() - 9], "k").contains("checksum mismatch"));
        let mut flipped = good.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x55;
        assert!(err(&flipped, "k").contains("corrupt"));
        assert!(err(b"PK\x03\x04 a zip file, not ours", "k").contains("other than cable-lsp"));
        // A cache from another format version: same magic, right checksum.
        let (mut c, chunks): (CacheFile, _) = postcard::take_from_bytes(&good[16..]).unwrap();
        c.format = FORMAT + 1;
        let mut body = postcard::to_stdvec(&c).unwrap();
        body.extend_from_slice(chunks);
        let mut other = MAGIC.to_vec();
        other.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        other.extend_from_slice(&body);
        assert!(
            err(&other, "k").contains(&format!("(format {})", FORMAT + 1)),
            "{}",
            err(&other, "k")
        );
    }

    #[test]
    fn many_records_go_in_chunks_and_come_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let one = rec(dir.path(), "a.txt");
        let recs: Vec<Arc<CableRecord>> = (0..2 * CHUNK + 5)
            .map(|i| {
                let mut r = (*one).clone();
                r.path = dir.path().join(format!("{i}.txt"));
                Arc::new(r)
            })
            .collect();
        let file = dir.path().join("index.bin");
        assert_eq!(save(&file, "k", recs.iter()).unwrap(), recs.len());
        let back = load(&file, "k").unwrap();
        assert!(back.iter().map(|r| &**r).eq(recs.iter().map(|r| &**r)));
        // A header whose chunks run past the end of the file.
        let good = std::fs::read(&file).unwrap();
        let (mut c, chunks): (CacheFile, _) = postcard::take_from_bytes(&good[16..]).unwrap();
        assert_eq!(c.chunks, 3);
        c.chunks += 1;
        let mut body = postcard::to_stdvec(&c).unwrap();
        body.extend_from_slice(chunks);
        let mut bad = MAGIC.to_vec();
        bad.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        bad.extend_from_slice(&body);
        std::fs::write(&file, bad).unwrap();
        let e = load(&file, "k").unwrap_err().to_string();
        assert!(e.contains("runs past the end"), "{e}");
    }

    #[test]
    fn no_cache_inside_a_workspace_folder() {
        let roots = [PathBuf::from("/work/cables")];
        assert_eq!(
            file_for(Path::new("/work/cables/.cache"), &roots, "k"),
            None
        );
        assert!(file_for(Path::new("/home/u/.cache/cable-lsp"), &roots, "k").is_some());
    }
}
