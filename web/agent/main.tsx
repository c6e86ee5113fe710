import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import './agent.css';
import { App } from './shell/app';

createRoot(document.getElementById('root')!).render(<App />);
