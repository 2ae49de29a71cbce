// Camera scanning on a counter screen (receiving stock): the till's scanner (till-scan.js)
// reads an EAN-13, EAN-8 or QR code with the camera; the code goes into the search box and the
// form adds its line on the server, as a keyboard-wedge scanner typing it would. A label's GS1
// Digital Link QR code finds its product, and its lot and expiry fill the line.
import {scan} from './till-scan.js';

const button = document.getElementById('scan');
const video = document.getElementById('camera');
const find = document.querySelector('.find-row input');
const add = document.getElementById('add-line');
const problem = document.getElementById('no-camera');
const vendor = document.querySelector('script[src$="counter-scan.js"]').dataset.vendor;
const label = button.textContent;
let stop = null;

const scanning = next => {
  stop = next;
  button.textContent = stop ? button.dataset.stop : label;
};

button.hidden = !(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
button.addEventListener('click', async () => {
  if (stop) { stop(); scanning(null); return; }
  problem.hidden = true;
  try {
    scanning(await scan(video, vendor, code => {
      scanning(null);
      find.value = code;
      add.form.requestSubmit(add);
    }));
  } catch (error) {
    problem.textContent = problem.dataset.text.replace('%(why)s', error.message || error.name);
    problem.hidden = false;
  }
});
