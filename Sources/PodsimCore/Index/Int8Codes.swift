/// The two passes that turn Float rows into int8 codes for `QuantizedIndex`, 16 dimensions at a
/// time (SSE2 on baseline x86-64: compare, select, add, pack — no per-element library calls).
enum Int8Codes {
    /// 1.5 · 2²³: adding and subtracting it rounds a Float of magnitude below 2²² to the nearest
    /// integer (ties to even) in the default rounding mode, and leaves that integer in the low
    /// mantissa bits — a vectorisable `rounded()` plus conversion.
    static let roundingMagic: Float = 0x1.8p23

    /// Largest |x_ij| of each dimension j over `rows`.
    static func largestMagnitudes(_ vectors: UnsafeBufferPointer<Float>, dimensions d: Int, rows: Range<Int>) -> [Float] {
        let steps = d / DotProduct.lanes
        var largest = [SIMD16<Float>](repeating: .zero, count: steps)
        var tail = [Float](repeating: 0, count: d - steps * DotProduct.lanes)
        let base = UnsafeRawPointer(vectors.baseAddress!)
        largest.withUnsafeMutableBufferPointer { lanes in
            for row in rows {
                for step in 0..<steps {
                    let v = base.loadUnaligned(fromByteOffset: (row * d + step * DotProduct.lanes) * 4, as: SIMD16<Float>.self)
                    let magnitude = v.replacing(with: -v, where: v .< 0)
                    lanes[step].replace(with: magnitude, where: magnitude .> lanes[step])
                }
                for t in tail.indices { tail[t] = max(tail[t], abs(vectors[row * d + steps * DotProduct.lanes + t])) }
            }
        }
        return largest.flatMap { step in (0..<DotProduct.lanes).map { step[$0] } } + tail
    }

    /// Writes round(x_ij · inverseScales[j]) for `rows` into `codes` (`stride` bytes per row).
    static func encode(
        _ vectors: UnsafeBufferPointer<Float>, dimensions d: Int, rows: Range<Int>, inverseScales: [Float],
        into codes: UnsafeMutableBufferPointer<Int8>, stride: Int
    ) {
        let steps = d / DotProduct.lanes
        let base = UnsafeRawPointer(vectors.baseAddress!)
        let out = UnsafeMutableRawPointer(codes.baseAddress!)
        let magicBits = SIMD16<Int32>(repeating: Int32(bitPattern: roundingMagic.bitPattern))
        inverseScales.withUnsafeBytes { inverse in
            for row in rows {
                for step in 0..<steps {
                    let offset = step * DotProduct.lanes
                    let v = base.loadUnaligned(fromByteOffset: (row * d + offset) * 4, as: SIMD16<Float>.self)
                        * inverse.loadUnaligned(fromByteOffset: offset * 4, as: SIMD16<Float>.self)
                    let levels = unsafeBitCast(v + roundingMagic, to: SIMD16<Int32>.self) &- magicBits
                    out.storeBytes(of: SIMD16<Int8>(truncatingIfNeeded: levels), toByteOffset: row * stride + offset, as: SIMD16<Int8>.self)
                }
                for j in (steps * DotProduct.lanes)..<d {
                    codes[row * stride + j] = Int8(((vectors[row * d + j] * inverseScales[j]) + roundingMagic) - roundingMagic)
                }
            }
        }
    }
}
