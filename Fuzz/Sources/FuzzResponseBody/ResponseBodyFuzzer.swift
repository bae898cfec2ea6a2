import FuzzSupport
import NIOCore
import PodsimProtocol

/// libFuzzer target: response bodies through `PodsimResponse.decode(_:)`, the client side.
///
/// Input: `u8 opcode`, `u16 status` (big-endian; 0 reads the opcode's success layout, anything
/// else `str message`), then the body. Properties:
/// - a refusal is status 1 (malformed body) or 3 (no layout for the opcode) with a short message;
/// - a decoded response answers the frame's opcode (or is a failure carrying the frame's status);
/// - responses have exactly one encoding, so it re-encodes to the very bytes it came from.
@_cdecl("LLVMFuzzerTestOneInput")
public func responseBodyFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let opcode = Opcode(rawValue: input.takeByte())
    let status = Status(rawValue: input.takeUInt16())
    let frame = Frame(opcode: opcode, status: status, requestID: 0xBEEF, body: ByteBuffer(bytes: input.rest))

    switch PodsimResponse.decode(frame) {
    case .failure(let error):
        let allowed: [Status] = status == .ok && opcode.name == nil ? [.unknownOpcode] : [.badRequest]
        ProtocolFuzzing.checkRefusal(error, allowed: allowed, for: frame)
    case .success(let response):
        if case .failure(let failure) = response {
            FuzzCheck.require(status != .ok && failure.status == status, "status \(status) decoded as \(response)")
        } else {
            FuzzCheck.require(status == .ok && response.opcode == opcode, "\(opcode) status \(status) decoded as \(response)")
        }
        var body = ByteBuffer()
        response.write(to: &body)
        FuzzCheck.require(
            body == frame.body,
            "\(response) re-encodes to \(ProtocolFuzzing.bytes(of: body)), not to \(ProtocolFuzzing.bytes(of: frame.body))")
        // Compared as bytes, not as values: a NaN score is legal and never equals itself.
        FuzzCheck.require(
            response.frame(opcode: opcode, requestID: frame.requestID) == frame,
            "\(response) does not frame back to the frame it came from")
    }
    return 0
}
