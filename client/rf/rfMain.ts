import { RfApp } from './rfApp.ts';

// The trainees' RF handheld page (/rf): join a training session, then follow the task screens.
new RfApp(document.getElementById('rf')!).start();
