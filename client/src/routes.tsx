import { Navigate, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { RequireStaff } from './auth/RequireStaff';
import { CataloguePage } from './pages/CataloguePage';
import { ServicePage } from './pages/ServicePage';
import { OfficesPage } from './pages/OfficesPage';
import { SignInPage } from './pages/SignInPage';
import { DeskPage } from './pages/DeskPage';
import { InboxPage } from './pages/InboxPage';
import { IntakePage } from './pages/IntakePage';
import { ApplicationPage } from './pages/ApplicationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { StatusCheckPage } from './pages/StatusCheckPage';
// weapon-registration
import { WeaponRegisterPage } from './weapons/WeaponRegisterPage';
// vehicle-registration
import { VehicleRegisterPage } from './vehicles/VehicleRegisterPage';
// address-certificate
import { AddressBureauDeskPage } from './addressBureau/AddressBureauDeskPage';
// integrator clients (administrators)
import { ClientsPage } from './admin/ClientsPage';
// electronic queue and applicant feedback
import { FeedbackPage } from './queue/FeedbackPage';
import { HallDisplayPage } from './queue/HallDisplayPage';
import { KioskPage } from './queue/KioskPage';
import { QueueDeskPage } from './queue/QueueDeskPage';

/**
 * Everything under /desk needs a staff session (RequireStaff): the desk itself, the inbox (where
 * sign-in lands), the intake forms and the application page.
 */
export const deskRoutes: RouteObject[] = [
  { index: true, element: <DeskPage /> },
  { path: 'inbox', element: <InboxPage /> },
  // /desk/intake/driver-licence as before; any service the clerk serves (or ?service=), or the chooser.
  { path: 'intake', element: <IntakePage /> },
  { path: 'intake/:service', element: <IntakePage /> },
  { path: 'applications/:id', element: <ApplicationPage /> },
  // weapon-registration: the register's unit page (?make=&serial=, ?holder=)
  { path: 'weapons', element: <WeaponRegisterPage /> },
  // vehicle-registration: the vehicle's page (?vin=, ?plate=, ?certificate=, ?owner=)
  { path: 'vehicles', element: <VehicleRegisterPage /> },
  // address-certificate: the operator's desk (requests, certificates, list requests)
  { path: 'address-bureau', element: <AddressBureauDeskPage /> },
  // integrator clients: administrators only (the API refuses anyone else)
  { path: 'admin/clients', element: <ClientsPage /> },
  // the clerk's queue panel: today's line, call next, served / no-show
  { path: 'queue', element: <QueueDeskPage /> },
];

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/catalogue" replace /> },
      { path: 'catalogue', element: <CataloguePage /> },
      { path: 'catalogue/:code', element: <ServicePage /> },
      { path: 'offices', element: <OfficesPage /> },
      { path: 'status', element: <StatusCheckPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      // public: the office's kiosk and hall display, the feedback link's page
      { path: 'queue/:officeId/kiosk', element: <KioskPage /> },
      { path: 'queue/:officeId/display', element: <HallDisplayPage /> },
      { path: 'feedback', element: <FeedbackPage /> },
      { path: 'desk', element: <RequireStaff />, children: deskRoutes },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
