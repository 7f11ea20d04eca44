/// A 64-bit FNV-1a hash of a file's bytes, written as 16 hex digits.
///
/// It only has to tell "same content" from "changed content" for one file, or recognise a moved
/// file among the few that disappeared in the same run, so a fast non-cryptographic hash is
/// enough (a collision would need two different contents of equal size and equal hash).
public enum ContentHash {
    public static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
