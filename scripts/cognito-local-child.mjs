// Runs cognito-local (argv[2]) for as long as the process that started it lives: when its IPC channel
// closes (that process ended, even killed outright), the emulator ends too.
import { pathToFileURL } from 'node:url';

process.on('disconnect', () => process.exit(0));
await import(pathToFileURL(process.argv[2]).href);
