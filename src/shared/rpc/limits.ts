/** How large RPC messages may be, for every transport and the contract that fills them. */

/**
 * The largest RPC message the hosts take (the headless host's WebSocket `maxPayload`). Every
 * payload the contract accepts (the largest: a CSV file) fits in one, envelope included, so a
 * caller that keeps to the contract gets an answer rather than a closed socket.
 */
export const RPC_MESSAGE_MAX_BYTES = 16 * 1024 * 1024

/**
 * Bytes `text` takes inside a JSON message (UTF-8, with JSON's escapes). `text` is limited by
 * this rather than by its length: a quote costs two bytes, "é" two, a control character six.
 */
export function jsonTextBytes(text: string): number {
  let bytes = 2
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22 || c === 0x5c) bytes += 2
    else if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6
    else if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      i++
    } else if (c >= 0xd800 && c <= 0xdfff) bytes += 6
    else bytes += 3
  }
  return bytes
}
