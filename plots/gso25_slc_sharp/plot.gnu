set encoding utf8
set terminal pngcairo enhanced size 1800,1530 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 2,2 title "gso25_slc_sharp: GSO25 strong log-concavity of p_t, corrected (sharp) constant\nseed 000 (Ocello), slide 'Propagation of Strong Concavity and Lipschitzness' (corrected, theory-notes C2); Gentiloni Silveri, Ocello, ICML 2025\nsolid, filled dots: exact strong log-concavity constant     dashed: C*_t (sharp lower bound)" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "time t (1-D data N(0,s^2), sqrt(2) OU)" noenhanced
set ylabel "strong log-concavity constant" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5)
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.5, 1, 2)
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'any scheme, N(0,0.3)', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'any scheme, N(0,1.9)', \
     '' index 1 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'any scheme, N(0,4)', \
     '' index 2 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "data variance s^2 (1-D, mean 0, sqrt(2) OU)" noenhanced
set ylabel "strong log-concavity constant" noenhanced
set logscale x
set mxtics default
set format x '10^{%L}'
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5)
plot 'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'any scheme, N(0,s^2), t=0.1', \
     '' index 3 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'any scheme, N(0,s^2), t=0.5', \
     '' index 4 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 4 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 4 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'any scheme, N(0,s^2), t=2', \
     '' index 5 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 5 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 5 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "dimension d (presets, mean 1, t = 1, sqrt(2) OU)" noenhanced
set ylabel "strong log-concavity constant" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (1, 2, 5, 10, 20, 50)
set autoscale fix
plot 'data.csv' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'any scheme, isotropic preset, t=1', \
     '' index 6 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 6 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 6 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'any scheme, heteroscedastic preset, t=1', \
     '' index 7 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 7 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 7 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'any scheme, correlated preset, t=1', \
     '' index 8 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 8 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 8 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
