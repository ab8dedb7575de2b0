//! Finds the stub server for the browser tests: `STUB_URL`, else the one an earlier build started if
//! it still answers and runs the same code, else a new one (`node tests/support/stub-server.mjs`,
//! detached, exiting after 15 idle minutes). Native builds (clippy, unit tests) start nothing: no
//! browser test runs there. What it started is recorded in `OUT_DIR/stub` (URL, pid, code hash).
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
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
            let support = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/support");
            let code = code_hash(&support);
            let record = out.join("stub");
            let text = fs::read_to_string(&record).unwrap_or_default();
            let mut lines = text.lines();
            let (url, pid, hash) = (lines.next(), lines.next(), lines.next());
            match url.filter(|url| answers(url)) {
                Some(url) if hash == Some(&code.to_string()) => url.to_owned(),
                alive => {
                    // A stub running older code is stopped (only one that answers: its pid is its own).
                    if let (Some(_), Some(pid)) = (alive, pid) {
                        let _ = Command::new("kill").arg(pid).stderr(Stdio::null()).status();
                    }
                    start(&support, &record, code)
                }
            }
        }
    };
    println!("cargo:rustc-env=COGNITO_VERIFY_STUB_URL={url}");
}

/// A hash of the stub's code (every module of tests/support/), so a changed stub is restarted.
fn code_hash(support: &Path) -> u64 {
    let mut files: Vec<PathBuf> = fs::read_dir(support)
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "mjs"));
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

/// Whether a stub server answers at `url` (its own route: the empty log of a token nobody sends).
fn answers(url: &str) -> bool {
    let Some(addr) = url
        .strip_prefix("http://")
        .and_then(|a| a.parse::<SocketAddr>().ok())
    else {
        return false;
    };
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return false;
    };
    let mut reply = String::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .is_ok()
        && stream
            .write_all(b"GET /__requests?token=cognito-verify-stub-build HTTP/1.0\r\n\r\n")
            .is_ok()
        && stream.read_to_string(&mut reply).is_ok()
        && reply.starts_with("HTTP/1.1 200")
        && reply.ends_with("[]")
}

/// Starts a stub server that outlives this build, records it, and answers its URL.
// Never waited for: the server is meant to outlive the build and ends itself when idle.
#[allow(clippy::zombie_processes)]
fn start(support: &Path, record: &Path, code: u64) -> String {
    let file = record.with_extension("url");
    let _ = fs::remove_file(&file);
    let mut command = Command::new("node");
    command
        .arg(support.join("stub-server.mjs"))
        .env("STUB_URL_FILE", &file)
        .env("STUB_IDLE_EXIT_S", IDLE_EXIT_S)
        .env_remove("PORT")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .spawn()
        .expect("the browser tests need Node on PATH to start the stub server (or set STUB_URL)");
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        if let Ok(url) = fs::read_to_string(&file) {
            if !url.is_empty() {
                let _ = fs::write(record, format!("{url}\n{}\n{code}\n", child.id()));
                return url;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the stub server did not start within 20 s: try `node tests/support/stub-server.mjs`");
}
