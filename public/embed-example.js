/**
 * The embedding example's host script, in a file of its own so that the page works under a
 * Content-Security-Policy without inline scripts (script-src 'self'), like the app itself.
 */
const frame = document.getElementById('descent-lab');
const log = document.getElementById('log');
const send = (message) => frame.contentWindow.postMessage(message, '*');
for (const button of document.querySelectorAll('[data-command]')) {
  button.addEventListener('click', () => send({ type: `descent-lab:${button.dataset.command}` }));
}
for (const button of document.querySelectorAll('[data-scene]')) {
  button.addEventListener('click', () =>
    send({ type: 'descent-lab:setScene', scene: button.dataset.scene }),
  );
}
window.addEventListener('message', (event) => {
  // Only the frame's own messages; they carry numbers and the scene's query, nothing else.
  if (event.source !== frame.contentWindow || typeof event.data !== 'object') return;
  const { type } = event.data;
  if (type === 'descent-lab:height') frame.style.height = `${event.data.height}px`;
  if (type === 'descent-lab:ready' || type === 'descent-lab:step') {
    log.textContent = `${type} step ${event.data.step} / ${event.data.stepBudget}${
      event.data.playing ? ' (playing)' : ''
    }\n${log.textContent}`.slice(0, 2000);
  }
});
