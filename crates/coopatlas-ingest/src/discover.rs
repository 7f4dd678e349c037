use std::path::{Path, PathBuf};

use crate::{Failure, Input, Origin};

/// Expands `paths` (files and folders, recursively, following symlinks) into inputs, in a stable
/// order, and the failures met on the way: missing paths, symlink loops, broken links, things
/// that are not regular files, files over `max_file_bytes`. Hidden files and folders (names
/// starting with a dot) inside folders are skipped; a hidden file named directly is taken.
pub fn discover(paths: &[PathBuf], max_file_bytes: u64) -> (Vec<Input>, Vec<Failure>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for root in paths {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    failures.push(walk_failure(root, &error));
                    continue;
                }
            };
            let file_type = entry.file_type();
            if file_type.is_dir() {
                continue;
            }
            let display = entry.path().display().to_string();
            if !file_type.is_file() {
                failures.push(Failure { path: display, reason: "not a regular file".into() });
                continue;
            }
            let size = match entry.metadata() {
                Ok(metadata) => metadata.len(),
                Err(error) => {
                    failures.push(Failure { path: display, reason: format!("cannot read metadata: {error}") });
                    continue;
                }
            };
            if size > max_file_bytes {
                failures.push(Failure {
                    path: display,
                    reason: format!("{size} bytes, over the size limit of {max_file_bytes} bytes (--max-file-size)"),
                });
                continue;
            }
            let key = std::path::absolute(entry.path()).unwrap_or_else(|_| entry.path().to_path_buf());
            inputs.push(Input {
                display,
                key: key.display().to_string(),
                origin: Origin::File(entry.path().to_path_buf()),
                size,
            });
        }
    }
    (inputs, failures)
}

fn walk_failure(root: &Path, error: &walkdir::Error) -> Failure {
    let path = error.path().unwrap_or(root).display().to_string();
    let reason = if let Some(ancestor) = error.loop_ancestor() {
        format!("symlink loop: leads back to {}", ancestor.display())
    } else if let Some(io) = error.io_error() {
        // ELOOP (40 on Linux): a link that points at itself or a cycle of links between files.
        const ELOOP: i32 = 40;
        match io.kind() {
            _ if io.raw_os_error() == Some(ELOOP) => "symlink loop: too many levels of symbolic links".to_string(),
            std::io::ErrorKind::NotFound if error.path().is_some_and(|path| path.is_symlink()) => {
                "broken symlink: its target does not exist".to_string()
            }
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => io.to_string(),
        }
    } else {
        error.to_string()
    };
    Failure { path, reason }
}
