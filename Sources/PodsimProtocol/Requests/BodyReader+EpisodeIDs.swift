extension BodyReader {
    /// DELETE's `list<str> episode_ids`: each id at most `limits.maxTextBytes` bytes; the count is
    /// checked against the bytes present (4 per id at least) before anything is reserved. An
    /// empty list is well formed (it deletes nothing).
    mutating func readEpisodeIDs(_ limits: ProtocolLimits) throws(ProtocolError) -> [String] {
        try readList("episode_ids", minElementBytes: 4) { (reader: inout BodyReader) throws(ProtocolError) -> String in
            try reader.readText("episode_id", limits)
        }
    }
}
