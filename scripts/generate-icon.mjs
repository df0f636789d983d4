// Draws resources/icon.png (512x512): a plugboard of nine jacks with two patch cords, on a
// rounded dark square. Node built-ins only: shapes are signed-distance fields with one pixel of
// anti-aliasing, written as an RGBA PNG with zlib. Run: npx node scripts/generate-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const out = resolve(dirname(fileURLToPath(import.meta.url)), '../resources/icon.png')

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16))
const colors = {
  top: hex('#24344f'),
  bottom: hex('#111927'),
  ring: hex('#d5deeb'),
  hole: hex('#0b111c'),
  amber: hex('#f5a524'),
  teal: hex('#2dd4bf'),
}

// Signed distances (negative inside).
function roundedRect(x, y, inset, radius) {
  const half = SIZE / 2 - inset
  const qx = Math.abs(x - SIZE / 2) - (half - radius)
  const qy = Math.abs(y - SIZE / 2) - (half - radius)
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0))
  return outside + Math.min(Math.max(qx, qy), 0) - radius
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r

function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy))
}

// A patch cord hangs between two jacks: a quadratic curve sagging below the straight line.
function cord(from, to, sag) {
  const control = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2 + sag]
  const points = []
  for (let i = 0; i <= 48; i++) {
    const t = i / 48
    const u = 1 - t
    points.push([
      u * u * from[0] + 2 * u * t * control[0] + t * t * to[0],
      u * u * from[1] + 2 * u * t * control[1] + t * t * to[1],
    ])
  }
  return (x, y, width) => {
    let best = Infinity
    for (let i = 1; i < points.length; i++) {
      best = Math.min(best, segmentDistance(x, y, points[i - 1], points[i]))
    }
    return best - width
  }
}

const grid = [156, 256, 356]
const jack = (col, row) => [grid[col], grid[row]]
const cords = [
  { shape: cord(jack(0, 0), jack(2, 1), 70), color: colors.amber, ends: [jack(0, 0), jack(2, 1)] },
  { shape: cord(jack(0, 2), jack(1, 0), 60), color: colors.teal, ends: [jack(0, 2), jack(1, 0)] },
]
const plugged = new Map(cords.flatMap((c) => c.ends.map((e) => [e.join(','), c.color])))

const coverage = (distance) => Math.max(0, Math.min(1, 0.5 - distance))
const mix = (under, over, alpha) => under.map((v, i) => v + (over[i] - v) * alpha)

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1)
  pixels[row] = 0 // PNG filter: none
  for (let px = 0; px < SIZE; px++) {
    const x = px + 0.5
    const y = py + 0.5
    let rgb = mix(colors.top, colors.bottom, y / SIZE)
    for (const c of cords) rgb = mix(rgb, c.color, coverage(c.shape(x, y, 11)))
    for (const cx of grid) {
      for (const cy of grid) {
        rgb = mix(rgb, colors.ring, coverage(circle(x, y, cx, cy, 30)))
        const hole = plugged.get(`${cx},${cy}`) ?? colors.hole
        rgb = mix(rgb, hole, coverage(circle(x, y, cx, cy, 15)))
      }
    }
    const alpha = coverage(roundedRect(x, y, 24, 112))
    const at = row + 1 + px * 4
    pixels[at] = Math.round(rgb[0])
    pixels[at + 1] = Math.round(rgb[1])
    pixels[at + 2] = Math.round(rgb[2])
    pixels[at + 3] = Math.round(alpha * 255)
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, png)
console.log(`wrote ${out} (${png.length} bytes)`)
