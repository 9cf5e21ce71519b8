/**
 * How every browser in this project is launched: Debian's Chromium by default, any other through
 * PLAYWRIGHT_CHROMIUM_EXECUTABLE, with switches that keep it off the network and the GPU (the
 * machines that run the suite have neither).
 */
export const CHROMIUM_EXECUTABLE =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
