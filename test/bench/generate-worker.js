// A worker thread of the store generator: turns batches of complaint indexes into their events, packed.
import { parentPort, workerData } from 'node:worker_threads';
import { makeBatchMaker } from './generate.js';

const { dist, plan, indexes } = workerData;
const make = await makeBatchMaker(dist, plan, indexes);
parentPort.on('message', ({ batch, from, to }) => {
  try {
    parentPort.postMessage({ batch, forms: make(from, to) });
  } catch (error) {
    parentPort.postMessage({ batch, error: error?.stack ?? String(error) });
  }
});
