// The same app as cognito-verify.js, bundled again (its own copy of the module): with --control, the
// benchmark measures it as another contestant, and the gap between the two is the method's noise.
export { create } from './cognito-verify.js';
