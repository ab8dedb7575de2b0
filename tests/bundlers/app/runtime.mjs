// The app in a server-side runtime (Node, Deno, Bun): the stub's URL from STUB, the result on stdout.
import { run } from './app.js';

const stub = globalThis.Deno ? globalThis.Deno.env.get('STUB') : process.env.STUB;
console.log(JSON.stringify(await run(stub)));
