import FuzzSupport
import NIOCore
import PodsimProtocol

/// libFuzzer target: request bodies through `PodsimRequest.decode(_:limits:)`, the server side.
///
/// Input: `u8 opcode` (any byte: unknown opcodes must be refused with status 3), `u8 control`
/// (bits 0–1: limits preset, see `ProtocolFuzzing.limitPresets`; bit 7: a non-zero status field,
/// bits 2–6 choosing it), then the body. Properties:
/// - a refusal has the status the contract gives it (3 unknown opcode, else 1) and a short message;
/// - a decoded request respects the limits (k, string lengths);
/// - it re-encodes to the body it came from, up to the order of the query options (encoded in
///   tag order, accepted in any) — see `CanonicalRequestBody` — and decodes back to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func requestBodyFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let opcode = Opcode(rawValue: input.takeByte())
    let control = input.takeByte()
    let limits = ProtocolFuzzing.limitPresets[Int(control & 0x03)]
    let status = control & 0x80 == 0 ? Status.ok : Status(rawValue: UInt16(control >> 2 & 0x1F) + 1)
    let frame = Frame(opcode: opcode, status: status, requestID: 0xC0FFEE, body: ByteBuffer(bytes: input.rest))

    switch PodsimRequest.decode(frame, limits: limits) {
    case .failure(let error):
        let expected: Status = opcode.name == nil ? .unknownOpcode : .badRequest
        ProtocolFuzzing.checkRefusal(error, allowed: [expected], for: frame)
    case .success(let request):
        FuzzCheck.require(opcode.name != nil, "unknown \(opcode) decoded as \(request)")
        FuzzCheck.require(status == .ok, "request with status \(status) accepted: \(request)")
        FuzzCheck.require(request.opcode == opcode, "\(opcode) decoded as \(request)")
        RequestLimitCheck(limits: limits).check(request)
        let reencoded = request.frame(requestID: frame.requestID)
        let canonical = CanonicalRequestBody.bytes(of: frame.body, opcode: opcode)
        FuzzCheck.require(
            ProtocolFuzzing.bytes(of: reencoded.body) == canonical,
            "\(request) re-encodes to \(ProtocolFuzzing.bytes(of: reencoded.body)), expected \(canonical)")
        FuzzCheck.require(
            PodsimRequest.decode(reencoded, limits: limits) == .success(request),
            "\(request) does not decode back from its own encoding")
    }
    return 0
}
