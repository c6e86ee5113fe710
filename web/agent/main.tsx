import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import './agent.css';
import { startTheme } from '../shared/theme';
import { App } from './shell/app';

startTheme();

createRoot(document.getElementById('root')!).render(<App />);
