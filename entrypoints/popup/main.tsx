import './style.css';
import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';

const root = document.getElementById('app');
if (root) render(<PopupApp />, root);
