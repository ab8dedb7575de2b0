module.exports = {
  mode: 'production',
  entry: './entry.js',
  output: { path: __dirname + '/dist', filename: 'main.js', module: true, chunkFormat: 'module', clean: true },
  experiments: { outputModule: true },
};
