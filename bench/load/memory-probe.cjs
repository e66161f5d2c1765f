/**
 * Preloaded into the server by the load benchmark (`node --expose-gc -r bench/load/memory-probe.cjs
 * server/dist/main.js`), so memory can be read without an endpoint for it. Over the IPC channel the
 * benchmark opened, `{id, cmd}` is answered with `{id, …}`:
 *   memory    → {memory: process.memoryUsage()}
 *   memory-gc → a full garbage collection first (when --expose-gc), then {memory, gc: true}: what the
 *               heap still holds is what the server keeps, not garbage waiting for the next
 *               collection — the figure a leak shows in
 *   snapshot  → {snapshot: path}: a heap snapshot written to `path` (run.mjs --heap-snapshots)
 * Without a channel it does nothing. The channel is unref'd: it never keeps the server alive.
 */
'use strict';
if (typeof process.send === 'function') {
  process.on('message', (m) => {
    if (!m || typeof m !== 'object' || !m.id) return;
    const canGc = typeof global.gc === 'function';
    if (m.cmd === 'snapshot') {
      if (canGc) global.gc();
      process.send({ id: m.id, snapshot: require('node:v8').writeHeapSnapshot(m.path) });
    } else if (m.cmd === 'memory' || m.cmd === 'memory-gc') {
      const gc = m.cmd === 'memory-gc' && canGc;
      if (gc) global.gc();
      process.send({ id: m.id, memory: process.memoryUsage(), gc });
    }
  });
  process.channel?.unref();
}
