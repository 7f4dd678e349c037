//! `coopatlas dump` and `coopatlas restore`: an atlas to JSON Lines and back (docs/dump-format.md).

use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use coopatlas_store::dump::{self, Counts, Origin};

use crate::args::AtlasArg;
use crate::commands::{atlas_name, open_existing, open_store};

pub fn dump(atlas: &AtlasArg, out: Option<&Path>) -> anyhow::Result<()> {
    let store = open_existing(atlas)?;
    let origin = Origin {
        producer: format!("coopatlas {}", env!("CARGO_PKG_VERSION")),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let counts = match out {
        Some(path) => {
            // Written beside the target and renamed at the end: a failed dump never leaves a
            // file that looks whole.
            let directory = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let file = tempfile::NamedTempFile::new_in(directory)
                .with_context(|| format!("cannot write in {}", directory.display()))?;
            let mut writer = BufWriter::new(file);
            let counts = dump::write(store.as_ref(), &origin, &mut writer)?;
            let file = writer.into_inner().map_err(|error| error.into_error())?;
            file.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
            counts
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let counts = dump::write(store.as_ref(), &origin, &mut BufWriter::new(&mut stdout))?;
            stdout.flush()?;
            counts
        }
    };
    eprintln!("dumped {} of {}", counted(&counts), atlas_name(atlas));
    Ok(())
}

pub fn restore(file: &Path, atlas: &AtlasArg) -> anyhow::Result<()> {
    // The store refuses to restore into an atlas that holds anything: a restore never merges.
    let mut store = open_store(atlas)?;
    let counts = if file == Path::new("-") {
        dump::read(store.as_mut(), &mut std::io::stdin().lock())?
    } else {
        let input = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
        dump::read(store.as_mut(), &mut BufReader::new(input))?
    };
    eprintln!("restored {} into {}", counted(&counts), atlas_name(atlas));
    Ok(())
}

fn counted(counts: &Counts) -> String {
    let Counts { users, tokens, documents, decisions } = counts;
    format!("{documents} documents, {decisions} review decisions, {users} users and {tokens} API tokens")
}
