/** Entry point of the web app: registers the components; index.html holds <elbsim-app>. */
import './app.ts';
