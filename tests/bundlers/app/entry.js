// Every bundler and the plain page: the module is inside the package's JS, so no asset or loader rule.
import { run } from './app.js';

run(new URLSearchParams(location.search).get('stub')).then((result) => {
  document.getElementById('out').textContent = JSON.stringify(result);
  window.__result = result;
});
