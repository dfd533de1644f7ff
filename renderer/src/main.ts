import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { makeRouter } from './router';
import { connect } from './client';
import { setConnection } from './stores/connection';
import './style.css';

setConnection(connect());
createApp(App).use(createPinia()).use(makeRouter()).mount('#app');
