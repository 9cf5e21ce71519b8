/**
 * The components are written against React's API and types, and run on Preact's compatibility layer:
 * react-dom alone was ≈58 kB of the first screen's ≈138 kB gzip, Preact with its compat layer is
 * ≈5 kB (issue #16's 100 kB budget). A measured need for first-screen bytes, so not React itself.
 */
export const reactOnPreact = {
  react: 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react-dom': 'preact/compat',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
};
