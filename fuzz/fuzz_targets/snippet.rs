//! Keyword-in-context snippets at any place of any text: the first four bytes choose the
//! mention's start and length (in characters), the rest is the text. Snippets must never
//! cut inside a character and stay within their length.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recto::render::snippet::snippet;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, rest) = data.split_at(4);
    let Ok(run) = std::str::from_utf8(rest) else {
        return;
    };
    let boundaries: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(run.len()))
        .collect();
    let first = usize::from(u16::from_le_bytes([head[0], head[1]])) % boundaries.len();
    let length = usize::from(u16::from_le_bytes([head[2], head[3]])) % 40;
    let last = (first + length).min(boundaries.len() - 1);
    let (before, after) = snippet(run, boundaries[first], boundaries[last]);
    // 70 characters of context, an ellipsis and a space at most.
    assert!(before.chars().count() <= 72, "{before:?}");
    assert!(after.chars().count() <= 72, "{after:?}");
});
