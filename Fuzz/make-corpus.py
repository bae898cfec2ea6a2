#!/usr/bin/env python3
"""Writes the protocol seed corpora of the fuzz targets from the hex examples of docs/PROTOCOL.md.

Run from anywhere: `python3 Fuzz/make-corpus.py`. It rewrites Fuzz/Corpus/frame-decoder,
request-body and response-body; the other corpora (catalogue sources, small models) are files
written by hand or by `podsim build` and are left alone (docs/FUZZING.md says how to remake them).

Each target's input starts with control bytes (see the target's doc comment):
  frame-decoder   u8 split pattern, u8 max frame size choice, then the stream
  request-body    u8 opcode, u8 control (limits preset, status), then the body
  response-body   u8 opcode, u16 status, then the body
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"


def golden_frames():
    """(name, frame bytes) for every ```hex block of docs/PROTOCOL.md, length field included."""
    text = (ROOT / "docs" / "PROTOCOL.md").read_text()
    for match in re.finditer(r"```hex ([^\n]+)\n(.*?)```", text, re.S):
        name, body = match.group(1).strip(), match.group(2)
        hex_digits = "".join(line.split("#", 1)[0] for line in body.splitlines())
        yield name, bytes.fromhex(hex_digits.replace(" ", ""))


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main():
    for target in ("frame-decoder", "request-body", "response-body"):
        for old in (CORPUS / target).glob("*"):
            old.unlink()
    frames = dict(golden_frames())
    for name, frame in frames.items():
        opcode, status, body = frame[5], frame[6:8], frame[12:]
        write("frame-decoder", slug(name), bytes([0, 0]) + frame)
        if name.endswith("request") or "request with" in name:
            write("request-body", slug(name), bytes([opcode, 0]) + body)
        else:
            write("response-body", slug(name), bytes([opcode]) + status + body)
    # Streams of several frames, delivered in 1-byte chunks and in pseudo-random chunks.
    ping, similar = frames["PING request"], frames["SIMILAR request with options"]
    write("frame-decoder", "three-frames-1-byte-chunks", bytes([1, 0]) + ping + similar + ping)
    write("frame-decoder", "two-frames-random-chunks", bytes([0x3F, 0]) + similar + ping)
    # The two rejections: an HTTP request on the binary port, and a version-2 header.
    write("frame-decoder", "http-request", bytes([0, 0]) + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    write("frame-decoder", "version-2", bytes([2, 0]) + bytes.fromhex("000000080201000000000009"))
    # A 64-byte max frame size, with a frame that fits and one that does not.
    write("frame-decoder", "small-limit", bytes([0, 5]) + ping + similar)
    # Requests under tight limits, and a request carrying a non-zero status field.
    sim_body = similar[12:]
    write("request-body", "similar-with-options-tight-limits", bytes([0x10, 3]) + sim_body)
    write("request-body", "ping-with-status", bytes([0x01, 0x80]))


if __name__ == "__main__":
    main()
