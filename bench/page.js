// Benchmark harness, driven by bench/run.mjs through Playwright. Contestants are esbuild bundles in
// dist/, each exporting create({ endpoint, token, claims }) -> { sendCode, verify, getUser, update }.
const loaded = {};

async function load(name, setup) {
  const module = await import(`./dist/${name}.js`);
  loaded[name] = await module.create(setup);
}

/** A small seeded generator of numbers in [0, 1). */
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

window.bench = {
  load,
  /** Times `n` sequential sendCode calls; returns milliseconds per call. */
  async calls(name, n) {
    const contestant = loaded[name];
    const times = new Array(n);
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await contestant.sendCode();
      times[i] = performance.now() - t0;
    }
    return times;
  },
  /**
   * `n` turns of one sendCode call per contestant, in a fresh random order each turn (from `seed`,
   * so a run can be repeated), so every contestant meets the same moments of the machine and
   * follows every other equally often; returns milliseconds per call, by contestant.
   */
  async interleaved(names, n, seed) {
    const random = mulberry32(seed);
    const times = Object.fromEntries(names.map((name) => [name, []]));
    const order = [...names];
    for (let i = 0; i < n; i++) {
      for (let k = order.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [order[k], order[j]] = [order[j], order[k]];
      }
      for (const name of order) {
        const t0 = performance.now();
        await loaded[name].sendCode();
        times[name].push(performance.now() - t0);
      }
    }
    return times;
  },
  /** Import, instantiate and make the first call, in this fresh page. */
  async cold(name, setup) {
    const t0 = performance.now();
    await load(name, setup);
    await loaded[name].sendCode();
    return performance.now() - t0;
  },
  /** The four calls of a verify-email flow, once. */
  async flow(name) {
    const c = loaded[name];
    await c.getUser();
    await c.sendCode();
    await c.verify();
    await c.update();
    return true;
  },
  /** The error name a sendCode call rejects with. */
  async failure(name) {
    try {
      await loaded[name].sendCode();
      return 'no error';
    } catch (err) {
      return String(err?.name ?? err?.code ?? err);
    }
  },
  /** Linear memory of cognito-verify's module (unbundled) every `every` calls, over `n` calls. */
  async memory(endpoint, token, n, every) {
    const { CognitoClient } = await import('/js/index.js');
    const { default: init } = await import('/pkg/cognito_verify.js');
    const client = new CognitoClient({ endpoint });
    await client.getUser({ AccessToken: token });
    const wasm = await init();
    const samples = [];
    for (let i = 1; i <= n; i++) {
      await client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' });
      if (i % every === 0) samples.push(wasm.memory.buffer.byteLength);
    }
    return samples;
  },
};
window.benchReady = true;
