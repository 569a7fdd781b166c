// Starts a real, local Bluesky PDS (plus its PLC directory) for onshore's tests.
//
//   node tests/pds/start-pds.mjs [--port N]
//
// Prints exactly one JSON line on stdout once both servers accept requests:
//   {"pds": "http://127.0.0.1:PORT", "plc": "http://127.0.0.1:PORT", "pid": N}
// then runs until SIGTERM/SIGINT or until stdin closes (so a dead parent never
// leaves it behind). It creates no accounts: the tests do that over XRPC.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import devEnv from '@atproto/dev-env'

const LOOPBACK = '127.0.0.1'

// The PDS and PLC servers call `listen(port)`, which binds every interface.
// Test traffic must stay on loopback, so default the host to 127.0.0.1.
const originalListen = net.Server.prototype.listen
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, LOOPBACK)
  }
  return originalListen.apply(this, args)
}

function requestedPort(argv) {
  const at = argv.indexOf('--port')
  if (at === -1) return undefined
  const port = Number(argv[at + 1])
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`start-pds: --port needs a number from 1 to 65535, got ${argv[at + 1]}`)
    process.exit(2)
  }
  return port
}

// dev-env puts the PDS's SQLite files and blobs in os.tmpdir(); give it a directory
// of its own that is removed on shutdown.
const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'onshore-pds-'))
process.env.TMPDIR = dataRoot

// Only pass a port when one was asked for: an explicit `port: undefined` would
// override the free port dev-env picks and fall back to the PDS default (2583).
const port = requestedPort(process.argv.slice(2))
const network = await devEnv.TestNetworkNoAppView.create({ pds: port ? { port } : {} })

let closing = false
async function shutDown(reason) {
  if (closing) return
  closing = true
  // A hung close must not keep the test run waiting.
  setTimeout(() => process.exit(1), 5000).unref()
  try {
    await network.close()
  } catch (err) {
    console.error(`start-pds: error while closing after ${reason}:`, err)
  }
  fs.rmSync(dataRoot, { recursive: true, force: true })
  process.exit(0)
}

process.on('SIGTERM', () => shutDown('SIGTERM'))
process.on('SIGINT', () => shutDown('SIGINT'))
process.stdin.on('end', () => shutDown('stdin closed'))
process.stdin.on('error', () => shutDown('stdin error'))
process.stdin.resume()

const ready = {
  pds: `http://${LOOPBACK}:${network.pds.port}`,
  plc: `http://${LOOPBACK}:${network.plc.port}`,
  pid: process.pid,
}
process.stdout.write(`${JSON.stringify(ready)}\n`)
