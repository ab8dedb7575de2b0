//! Finds the stub server for the browser tests: `STUB_URL`, else the one an earlier build started if
//! it still answers, else a new one (`node tests/support/stub-server.mjs`, detached, exiting after
//! 15 idle minutes). Native builds (clippy, unit tests) start nothing: no browser test runs there.
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs};

const IDLE_EXIT_S: &str = "900";

fn main() {
    println!("cargo:rerun-if-env-changed=STUB_URL");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let url = match env::var("STUB_URL") {
        Ok(url) if !url.is_empty() => url,
        _ if !env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) => {
            "http://127.0.0.1:9".to_owned()
        }
        _ => {
            // A file that never exists: the script runs on every build, to find the server alive.
            println!(
                "cargo:rerun-if-changed={}",
                out.join("run-every-build").display()
            );
            running(&out).unwrap_or_else(|| start(&out))
        }
    };
    println!("cargo:rustc-env=COGNITO_VERIFY_STUB_URL={url}");
}

/// The URL of the server an earlier build started, if it still answers HTTP.
fn running(out: &Path) -> Option<String> {
    let url = fs::read_to_string(out.join("stub.url")).ok()?;
    let addr: SocketAddr = url.trim().strip_prefix("http://")?.parse().ok()?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    stream
        .write_all(b"GET /__requests?token=build HTTP/1.0\r\n\r\n")
        .ok()?;
    let mut reply = [0u8; 12];
    stream.read_exact(&mut reply).ok()?;
    reply.starts_with(b"HTTP/1.").then(|| url.trim().to_owned())
}

/// Starts a stub server that outlives this build, and waits for its URL.
// Never waited for: the server is meant to outlive the build and ends itself when idle.
#[allow(clippy::zombie_processes)]
fn start(out: &Path) -> String {
    let file = out.join("stub.url");
    let _ = fs::remove_file(&file);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("tests/support/stub-server.mjs");
    println!("cargo:rerun-if-changed={}", script.display());
    let mut command = Command::new("node");
    command
        .arg(&script)
        .env("STUB_URL_FILE", &file)
        .env("STUB_IDLE_EXIT_S", IDLE_EXIT_S)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command
        .spawn()
        .expect("the browser tests need Node on PATH to start the stub server (or set STUB_URL)");
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        if let Ok(url) = fs::read_to_string(&file) {
            if !url.is_empty() {
                return url;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the stub server did not start within 20 s: try `node tests/support/stub-server.mjs`");
}
