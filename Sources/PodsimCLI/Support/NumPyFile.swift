import Foundation

/// Writes a 2-D float32 array as a NumPy `.npy` file (format 1.0): the magic `\x93NUMPY`, version
/// 1.0, a little-endian u16 header length, a Python-literal header padded with spaces to a
/// multiple of 64 bytes and ended by a newline, then the values row-major, little-endian.
/// `numpy.load` reads it, and so does anything that reads `.npy` (the format is NumPy's NEP 1).
struct NumPyFile {
    let rows: Int
    let columns: Int

    /// The bytes before the data.
    var header: [UInt8] {
        var dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        let preamble = 6 + 2 + 2  // magic, version, header length
        let padding = 64 - (preamble + dictionary.utf8.count + 1) % 64
        dictionary += String(repeating: " ", count: padding % 64) + "\n"
        let length = UInt16(dictionary.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)] + Array(dictionary.utf8)
    }

    /// Writes the header, then `row(i)` for every row in order, to `path` (replacing it).
    func write(to path: String, row: (Int) -> [Float]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw ExportFailure("cannot create \(path)") }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: header)
            // Rows go out in blocks of about 1 MiB: few system calls, little memory.
            let rowsPerBlock = max(1, (1 << 20) / max(1, columns * 4))
            var start = 0
            while start < rows {
                let end = min(rows, start + rowsPerBlock)
                var block = [UInt8]()
                block.reserveCapacity((end - start) * columns * 4)
                for index in start..<end {
                    for value in row(index) { withUnsafeBytes(of: value.bitPattern.littleEndian) { block.append(contentsOf: $0) } }
                }
                try handle.write(contentsOf: block)
                start = end
            }
        } catch {
            throw ExportFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// An export that could not be written; printed as one line, exit status 1.
struct ExportFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension NumPyFile {
    /// Reads a 2-D little-endian float32 C-order `.npy` (format 1.0 or 2.0) — what `write` and
    /// `numpy.save` of such an array produce — as row-major values and the column count.
    static func read(_ path: String) throws -> (values: [Float], columns: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ExportFailure("cannot read \(path)") }
        let bytes = [UInt8](data)
        func bad(_ why: String) -> ExportFailure { ExportFailure("\(path): not a 2-D float32 .npy file (\(why))") }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else { throw bad("no NumPy magic") }
        let major = bytes[6]
        let lengthBytes = major == 1 ? 2 : 4
        guard major == 1 || major == 2, bytes.count >= 8 + lengthBytes else { throw bad("format version \(major)") }
        let headerLength = bytes[8..<(8 + lengthBytes)].reversed().reduce(0) { $0 << 8 | Int($1) }
        let dataStart = 8 + lengthBytes + headerLength
        guard dataStart <= bytes.count else { throw bad("truncated header") }
        let header = String(decoding: bytes[(8 + lengthBytes)..<dataStart], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False") else {
            throw bad("it must be little-endian float32 in C order, the header says \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else { throw bad("no shape") }
        let shape = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard shape.count == 2, shape[0] > 0, shape[1] > 0 else { throw bad("shape \(shape) is not rows × columns") }
        guard bytes.count - dataStart == shape[0] * shape[1] * 4 else { throw bad("\(bytes.count - dataStart) data bytes for shape \(shape)") }
        let values = bytes[dataStart...].withUnsafeBytes { raw in
            (0..<(shape[0] * shape[1])).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return (values, shape[1])
    }
}
