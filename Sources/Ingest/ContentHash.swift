/// A 64-bit FNV-1a hash of a file's bytes, written as 16 hex digits.
///
/// It only has to tell "same content" from "changed content" for one file, or recognise a moved
/// file among the few that disappeared in the same run, so a fast non-cryptographic hash is
/// enough (a collision would need two different contents of equal size and equal hash).
///
/// The bytes may be given in pieces of any size (a file read as a stream): the hash is the same.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var byte = bytes.baseAddress else { return }
        let end = byte + bytes.count
        var hash = state
        while byte < end {
            hash = (hash ^ UInt64(byte.pointee)) &* 0x0000_0100_0000_01B3
            byte += 1
        }
        state = hash
    }

    /// The hash of everything added so far.
    public var value: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func of(_ bytes: [UInt8]) -> String {
        var hash = ContentHash()
        bytes.withUnsafeBufferPointer { hash.add($0) }
        return hash.value
    }
}
