//! (under construction: being written in this session)
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// (under construction)
    Todo,
}

pub fn run(_c: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this command is not built yet")
}
