import './style.css';
import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
