/// Where a buffer being decoded came from, so that a decoding error can say which file, which
/// section and which byte (both within the section and within the file) is wrong.
public struct ByteOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The file the bytes were read from.
    public var path: String
    /// The section holding the bytes, if they come from a model file.
    public var section: SectionTag?
    /// File offset of the buffer's first byte, in bytes.
    public var fileOffset: UInt64

    public init(path: String, section: SectionTag? = nil, fileOffset: UInt64 = 0) {
        self.path = path
        self.section = section
        self.fileOffset = fileOffset
    }

    /// `Models/episodes.podsim, section 'VOCB'`
    public var description: String {
        guard let section else { return path }
        return "\(path), section \(section)"
    }

    /// An error about the byte at `offset` within the buffer:
    /// `…/episodes.podsim, section 'VOCB', byte 12 (file offset 4108): <problem>`.
    public func error(at offset: Int, _ problem: String) -> PodsimError {
        let where_ = section == nil ? "byte \(offset)" : "byte \(offset) (file offset \(fileOffset + UInt64(offset)))"
        return PodsimError(.modelFile, "\(self), \(where_): \(problem)")
    }
}
