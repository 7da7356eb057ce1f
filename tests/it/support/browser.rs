//! Looking at a page as a person would: headless Chromium takes a screenshot, its pixels are
//! read back, and Tesseract reads the text on it. Both tools are Debian packages installed by
//! `bash .ci/setup`; when one is missing the test fails and says so, it never skips.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const TESSERACT: &str = "/usr/bin/tesseract";

/// How long one browser or OCR run may take before it is killed and the test fails.
const TOOL_TIMEOUT: Duration = Duration::from_secs(60);

/// Fails the test unless `tool` is installed.
pub fn require(tool: &str) {
    assert!(
        Path::new(tool).exists(),
        "{tool} is missing: run `bash .ci/setup` (it installs Chromium and Tesseract from Debian's packages)"
    );
}

/// Runs a tool to completion within [`TOOL_TIMEOUT`] (killed after it); returns its stdout.
async fn run(mut command: Command, what: &str) -> String {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let child = command
        .spawn()
        .unwrap_or_else(|e| panic!("{what} does not start: {e}"));
    let output = tokio::time::timeout(TOOL_TIMEOUT, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("{what} did not finish within {TOOL_TIMEOUT:?} (killed)"))
        .unwrap_or_else(|e| panic!("{what} failed: {e}"));
    assert!(
        output.status.success(),
        "{what} exited with {}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A screenshot of `url` in a `width`×`height` window, written to `out`.
pub async fn screenshot(url: &str, out: &Path, width: u32, height: u32) {
    require(CHROMIUM);
    let profile = tempfile::tempdir().expect("browser profile dir");
    let mut command = Command::new(CHROMIUM);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", out.display()))
        .arg(url);
    run(command, "headless chromium").await;
    assert!(
        out.exists(),
        "chromium wrote no screenshot to {}",
        out.display()
    );
}

/// The text Tesseract reads on an image.
pub async fn read_text(image: &Path) -> String {
    require(TESSERACT);
    let mut command = Command::new(TESSERACT);
    command.arg(image).arg("-");
    run(command, "tesseract").await
}

/// Lowercase words of letters and digits, one space apart: what survives OCR's small slips
/// (`×` read as `x`, `/` dropped, line breaks).
pub fn words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A decoded PNG: its size and RGB pixels.
pub struct Screenshot {
    pub width: u32,
    pub height: u32,
    pixels: Vec<[u8; 3]>,
}

impl Screenshot {
    pub fn decode(path: &Path) -> Self {
        let file = std::fs::File::open(path).expect("screenshot opens");
        let decoder = png::Decoder::new(std::io::BufReader::new(file));
        let mut reader = decoder.read_info().expect("a valid PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("PNG size")];
        let info = reader.next_frame(&mut buf).expect("PNG pixels");
        let channels = info.color_type.samples();
        assert_eq!(info.bit_depth, png::BitDepth::Eight, "8-bit screenshot");
        assert!(
            channels >= 3,
            "an RGB(A) screenshot, not {:?}",
            info.color_type
        );
        let pixels = buf[..info.buffer_size()]
            .chunks_exact(channels)
            .map(|p| [p[0], p[1], p[2]])
            .collect();
        Self {
            width: info.width,
            height: info.height,
            pixels,
        }
    }

    /// The share of pixels (0–1) close to `rgb` (each channel within 8).
    pub fn share_of(&self, rgb: u32) -> f64 {
        let [_, r, g, b] = rgb.to_be_bytes();
        let close = |a: u8, b: u8| a.abs_diff(b) <= 8;
        let n = self
            .pixels
            .iter()
            .filter(|p| close(p[0], r) && close(p[1], g) && close(p[2], b))
            .count();
        ratio(n, self.pixels.len())
    }

    /// The share of pixels unlike the most common colour: near 0 for a blank page.
    pub fn share_not_background(&self) -> f64 {
        let mut counts = std::collections::HashMap::new();
        for p in &self.pixels {
            *counts.entry(*p).or_insert(0_usize) += 1;
        }
        let background = counts.values().max().copied().unwrap_or(0);
        ratio(self.pixels.len() - background, self.pixels.len())
    }
}

#[allow(clippy::cast_precision_loss)] // pixel counts far below 2^52
fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}
