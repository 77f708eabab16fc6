// The parse worker of `roadmap lint` on large workspaces (see loadWorkspaceParallel): it reads and parses the
// files it is given and posts the results back. Bundled as dist/parseWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { answerParseRequest, type ParseRequest } from './nodeWorkspace';

parentPort?.postMessage(answerParseRequest(workerData as ParseRequest));
