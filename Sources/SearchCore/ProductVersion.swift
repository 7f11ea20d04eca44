/// The version of `search` and of the `arfa` extension built from the same sources (what
/// `search --version` and `arfa_version()` print).
public enum ProductVersion {
    public static let current = "0.1.0"
}
