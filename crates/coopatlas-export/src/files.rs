//! Files written whole or not at all: each export goes to a temporary file beside its target
//! and is renamed over it only once complete, so an error (or a full disk) never leaves a
//! truncated file where a good one was expected.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::ExportError;

/// Writes `path` through `write`, creating its parent directories; the file appears only if
/// `write` succeeds.
pub(crate) fn write_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
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
    temp.persist(path).map_err(|error| ExportError::file(path, error.error))?;
    Ok(())
}

/// Creates the directory `dir` (and its parents) for a set of files.
pub(crate) fn create_dir(dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|error| ExportError::file(dir, error))
}
