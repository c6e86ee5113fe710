import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import './portal.css';
import { startTheme } from '../shared/theme';
import { App } from './app';

startTheme();

createRoot(document.getElementById('root')!).render(<App />);
