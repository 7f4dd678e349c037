//! Files written whole or not at all: each export goes to a temporary file beside its target
//! and is renamed over it only once complete, so an error (a row that does not fit, a full disk)
//! never leaves a truncated file where a good one was expected. The files of a directory export
//! are all written before the first is renamed into place.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::TempPath;

use crate::ExportError;

/// Writes `path` through `write`, creating its parent directories; the file appears only if
/// `write` succeeds.
pub(crate) fn write_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    write_pending(path, write)?.persist()
}

/// A complete file under a temporary name beside its target, deleted if dropped.
pub(crate) struct Pending {
    temp: TempPath,
    path: PathBuf,
}

impl Pending {
    /// Renames the file over its target.
    pub(crate) fn persist(self) -> Result<(), ExportError> {
        self.temp.persist(&self.path).map_err(|error| ExportError::file(&self.path, error.error))
    }
}

/// Writes what is to become `path` through `write` to a temporary file beside it, creating the
/// parent directories; nothing is left if `write` fails.
pub(crate) fn write_pending(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> Result<(), ExportError>,
) -> Result<Pending, ExportError> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|error| ExportError::file(dir, error))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".coopatlas-export-").suffix(".tmp");
    // A temporary file is private (0600); the export should get the usual mode, less the umask.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir).map_err(|error| ExportError::file(dir, error))?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out).map_err(|error| error.in_file(path))?;
        out.flush().map_err(|error| ExportError::file(path, error))?;
    }
    Ok(Pending { temp: temp.into_temp_path(), path: path.to_path_buf() })
}

/// Renames complete files into place, in order: the files of a directory export are all
/// written before the first is renamed.
pub(crate) fn persist_all(files: impl IntoIterator<Item = Pending>) -> Result<(), ExportError> {
    files.into_iter().try_for_each(Pending::persist)
}

/// Creates the directory `dir` (and its parents) for a set of files.
pub(crate) fn create_dir(dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|error| ExportError::file(dir, error))
}
