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
