//! The `beian` command-line tool: `check`, `scan` and `domain`.

mod check;
mod domain_cmd;
mod scan_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Chinese website filing numbers: validate them, find them in pages, decide which domain
/// needs filing.
#[derive(Parser)]
#[command(name = "beian", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate numbers as a registration form would, and show their parts.
    ///
    /// Exit status: 0 when every number is valid, 1 when any is not, 2 on a usage error.
    Check {
        /// One JSON object per input, one per line.
        #[arg(long)]
        json: bool,
        /// The numbers (quote them: they may contain spaces).
        #[arg(required = true)]
        numbers: Vec<String>,
    },
    /// Find every number in files, directories (recursively) or standard input (`-`).
    ///
    /// Gzip input (`.gz` crawls, several members concatenated) is read decompressed; its
    /// offsets count decompressed bytes. A truncated or corrupt stream gives an error line
    /// after the numbers found before the damage.
    ///
    /// Exit status: 0 when every input was read, 1 when any could not be, 2 on a usage error.
    Scan {
        /// One JSON object per match (and per unreadable input), one per line.
        #[arg(long)]
        json: bool,
        /// Threads to scan with (default: one per core).
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// Never draw a progress bar (it is drawn only when standard error is a terminal).
        #[arg(long)]
        no_progress: bool,
        /// Block size in MiB: memory per thread stays near twice this.
        #[arg(long, default_value_t = 8)]
        block_mib: usize,
        /// Files and directories; `-` or nothing reads standard input.
        paths: Vec<PathBuf>,
    },
    /// Decide which name must be filed for hosts or URLs.
    ///
    /// Exit status: 0 when every input is a host, 1 when any is not, 2 when a data file
    /// cannot be loaded.
    Domain {
        /// One JSON object per input, one per line.
        #[arg(long)]
        json: bool,
        /// A public suffix list to use instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        psl: Option<PathBuf>,
        /// A list of MIIT-approved top-level domains (one a line) to use instead of the
        /// shipped one.
        #[arg(long, value_name = "FILE")]
        tlds: Option<PathBuf>,
        /// Hosts or URLs.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { json, numbers } => check::run(json, &numbers),
        Command::Scan {
            json,
            threads,
            no_progress,
            block_mib,
            paths,
        } => scan_cmd::run(scan_cmd::Options {
            json,
            threads,
            progress: !no_progress,
            block: block_mib.clamp(1, 1024) << 20,
            paths,
        }),
        Command::Domain {
            json,
            psl,
            tlds,
            inputs,
        } => domain_cmd::run(json, &inputs, psl.as_deref(), tlds.as_deref()),
    };
    ExitCode::from(code as u8)
}
