/// The apostrophe variants that mean the same thing in names (`O'Daniel`, `O’Daniel`).
public enum Apostrophe {
    /// Straight, right/left single quotes, modifier letter apostrophe, prime, backtick, acute.
    public static let all: Set<Character> = ["'", "’", "‘", "ʼ", "′", "`", "´"]
}
