import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import './portal.css';
import { App } from './app';

createRoot(document.getElementById('root')!).render(<App />);
