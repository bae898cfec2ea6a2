import NIOCore

/// The STATS answer (addition): `u64 uptime_ms, str model_id, u32 open_connections,
/// u64 connections_accepted, list<OpcodeCount> requests, list<StatusCount> answers,
/// LatencySummary latency`.
public struct ServerStats: Sendable, Hashable, WireElement {
    /// Time since the server started, in milliseconds.
    public var uptimeMilliseconds: UInt64
    /// The id of the model being served.
    public var modelID: String
    /// Connections open now (the asking one included).
    public var openConnections: UInt32
    /// Connections accepted since start (refused ones not counted).
    public var connectionsAccepted: UInt64
    /// Requests received per opcode since start, opcodes ascending, unknown opcodes included.
    public var requests: [OpcodeCount]
    /// Answers sent per status since start, statuses ascending.
    public var answers: [StatusCount]
    /// Server-side latency of the answered requests.
    public var latency: LatencySummary

    public init(
        uptimeMilliseconds: UInt64, modelID: String, openConnections: UInt32, connectionsAccepted: UInt64,
        requests: [OpcodeCount], answers: [StatusCount], latency: LatencySummary
    ) {
        self.uptimeMilliseconds = uptimeMilliseconds
        self.modelID = modelID
        self.openConnections = openConnections
        self.connectionsAccepted = connectionsAccepted
        self.requests = requests
        self.answers = answers
        self.latency = latency
    }

    static let minimumWireBytes = 8 + 4 + 4 + 8 + 4 + 4 + LatencySummary.minimumWireBytes

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        uptimeMilliseconds = try reader.readInteger("uptime_ms")
        modelID = try reader.readString("model_id")
        openConnections = try reader.readInteger("open_connections")
        connectionsAccepted = try reader.readInteger("connections_accepted")
        requests = try reader.readList("requests", of: OpcodeCount.self)
        answers = try reader.readList("answers", of: StatusCount.self)
        latency = try LatencySummary(reading: &reader)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(uptimeMilliseconds)
        buffer.writeWireString(modelID)
        buffer.writeInteger(openConnections)
        buffer.writeInteger(connectionsAccepted)
        buffer.writeWireList(requests)
        buffer.writeWireList(answers)
        latency.write(to: &buffer)
    }
}

/// `u8 opcode, u64 count`: how many requests arrived with one opcode.
public struct OpcodeCount: Sendable, Hashable, WireElement {
    public var opcode: Opcode
    public var count: UInt64

    public init(opcode: Opcode, count: UInt64) {
        self.opcode = opcode
        self.count = count
    }

    static let minimumWireBytes = 1 + 8

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        opcode = Opcode(rawValue: try reader.readInteger("opcode"))
        count = try reader.readInteger("count")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(opcode.rawValue)
        buffer.writeInteger(count)
    }
}

/// `u16 status, u64 count`: how many answers went out with one status.
public struct StatusCount: Sendable, Hashable, WireElement {
    public var status: Status
    public var count: UInt64

    public init(status: Status, count: UInt64) {
        self.status = status
        self.count = count
    }

    static let minimumWireBytes = 2 + 8

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        status = Status(rawValue: try reader.readInteger("status"))
        count = try reader.readInteger("count")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(status.rawValue)
        buffer.writeInteger(count)
    }
}
