//! Byte scans eight bytes at a time. The texts scanned on every keystroke are mostly ARNs
//! of 60–100 ASCII bytes, where a byte-by-byte loop (or two `find`s) is most of the cost.

const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of a byte is set where `word`'s byte is below `n`, for `n` ≤ 0x80 (the
/// classic "has less" trick: a borrow can set bits above a true match, never where no byte
/// matches, so it is exact in *whether* any byte is).
pub(crate) fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word
}

/// Likewise where `word`'s byte equals `byte`.
pub(crate) fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ (ONES * u64::from(byte)), 1)
}

/// `bytes` as little-endian words, and the fewer than eight bytes left over.
pub(crate) fn words(bytes: &[u8]) -> (impl Iterator<Item = u64> + '_, &[u8]) {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let words = chunks.map(|chunk| {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        u64::from_le_bytes(word)
    });
    (words, rest)
}

/// The index of the first byte equal to `a` or `b`.
pub(crate) fn position_of_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    let (words, _) = words(bytes);
    // Whole words without either byte are skipped; the word holding one, or the rest, is
    // searched byte by byte for the exact index.
    let clean = words
        .take_while(|&word| (equal(word, a) | equal(word, b)) & HIGH == 0)
        .count();
    let start = clean * 8;
    bytes[start..]
        .iter()
        .position(|&byte| byte == a || byte == b)
        .map(|index| start + index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_of_either_byte_at_every_position() {
        for length in 0..40 {
            for at in 0..length {
                let mut text = vec![b'a'; length];
                text[at] = b'?';
                if at + 3 < length {
                    text[at + 3] = b'*';
                }
                assert_eq!(
                    position_of_either(&text, b'*', b'?'),
                    Some(at),
                    "{length} {at}"
                );
            }
            assert_eq!(position_of_either(&vec![b'a'; length], b'*', b'?'), None);
        }
    }

    #[test]
    fn a_byte_just_above_a_match_is_not_taken_for_one() {
        // `>` (0x3e) and `@` (0x40) sit either side of `?` (0x3f), `)` and `+` around `*`.
        let near = b">@)+>@)+>@)+>@)+>@)+";
        assert_eq!(position_of_either(near, b'*', b'?'), None);
        let mut with_match = near.to_vec();
        with_match[13] = b'*';
        assert_eq!(position_of_either(&with_match, b'*', b'?'), Some(13));
    }
}
